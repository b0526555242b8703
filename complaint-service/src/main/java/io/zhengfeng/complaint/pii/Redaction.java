package io.zhengfeng.complaint.pii;

import java.util.regex.Pattern;

/**
 * Takes personal data out of free text: what staff who may not know the citizen read, what the
 * public column shows, and what their searches run on. Recognises mainland mobile numbers (with
 * {@code +86}/{@code 86}/{@code 0086} prefixes, brackets, spaces, dashes, full-width digits),
 * landlines with area code, 18-character ID numbers, bank card numbers (16–19 digits, grouped or
 * not) and e-mail addresses; dates, amounts, article and document numbers stay. The citizen's own
 * name is replaced entirely: a surname alone narrows a department's staff list to a few people.
 */
public final class Redaction {
    public static final String PHONE = "[电话已隐去]";
    public static final String ID_NUMBER = "[身份证号已隐去]";
    public static final String BANK_CARD = "[银行卡号已隐去]";
    public static final String EMAIL = "[邮箱已隐去]";
    public static final String NAME = "[姓名已隐去]";

    /** An ASCII or full-width digit. */
    private static final String D = "[0-9\\uFF10-\\uFF19]";
    /** At most one separator between digits: space, ideographic space, hyphen, full-width or typographic dash. */
    private static final String SEP = "[ \\t\\u3000\\-\\uFF0D\\u2010-\\u2014]?";
    private static final String NOT_BEFORE = "(?<![0-9\\uFF10-\\uFF19])";
    private static final String NOT_AFTER = "(?![0-9\\uFF10-\\uFF19])";
    private static final String COUNTRY = "(?:[(\\uFF08]?(?:\\+|\\uFF0B|00|\\uFF10\\uFF10)?(?:86|\\uFF18\\uFF16)[)\\uFF09]?" + SEP + ")?";

    private static final Pattern ID = Pattern.compile(NOT_BEFORE + D + "{6}" + SEP + "(?:1[89]|20|\\uFF11[\\uFF18\\uFF19]|\\uFF12\\uFF10)"
            + D + "{2}" + SEP + D + "{4}" + SEP + D + "{3}[0-9Xx\\uFF10-\\uFF19\\uFF38\\uFF58]" + NOT_AFTER);
    private static final Pattern CARD = Pattern.compile(NOT_BEFORE + "(?:" + D + "{4}" + SEP + "){3}" + D + "{4}(?:" + SEP + D + "{1,3})?" + NOT_AFTER);
    private static final Pattern MOBILE = Pattern.compile(NOT_BEFORE + COUNTRY + "[1\\uFF11]" + SEP + "[3-9\\uFF13-\\uFF19](?:" + SEP + D + "){9}" + NOT_AFTER);
    private static final Pattern LANDLINE = Pattern.compile(NOT_BEFORE + COUNTRY + "[(\\uFF08]?[0\\uFF10]" + D + "{2,3}[)\\uFF09]?" + SEP
            + D + "{3,4}" + SEP + D + "{4}(?:(?:转|-|ext\\.?)" + D + "{1,6})?" + NOT_AFTER);
    private static final Pattern MAIL = Pattern.compile("[\\w.+-]+\\s?[@\\uFF20]\\s?[\\w-]+(?:[.\\uFF0E][\\w-]+)+");

    /** @param knownNames the citizen's name and other names to hide, may contain nulls */
    public static String redact(String text, String... knownNames) {
        if (text == null) {
            return null;
        }
        String out = MAIL.matcher(text).replaceAll(EMAIL);
        out = ID.matcher(out).replaceAll(ID_NUMBER);
        out = CARD.matcher(out).replaceAll(BANK_CARD);
        out = MOBILE.matcher(out).replaceAll(PHONE);
        out = LANDLINE.matcher(out).replaceAll(PHONE);
        for (String name : knownNames) {
            if (name != null && name.strip().length() >= 2) { // one character would blank every word it occurs in
                String trimmed = name.strip();
                out = out.replace(trimmed, NAME);
                String spaced = String.join(" ", trimmed.split("")); // 张 三
                if (trimmed.length() > 1) {
                    out = out.replace(spaced, NAME);
                }
            }
        }
        return out;
    }

    private Redaction() {
    }
}
