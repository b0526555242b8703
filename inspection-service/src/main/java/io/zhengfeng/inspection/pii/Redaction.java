package io.zhengfeng.inspection.pii;

import io.zhengfeng.platform.pii.Masking;

import java.util.regex.Pattern;

/** Takes personal data out of text before it goes on the public column. */
public final class Redaction {
    private static final Pattern ID_NUMBER = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?!\\d)");
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)0\\d{2,3}-?\\d{7,8}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

    /** @param knownNames the complainant's name and other names to hide, may contain nulls */
    public static String redact(String text, String... knownNames) {
        if (text == null) {
            return null;
        }
        String out = ID_NUMBER.matcher(text).replaceAll("[身份证号已隐去]");
        out = MOBILE.matcher(out).replaceAll("[电话已隐去]");
        out = LANDLINE.matcher(out).replaceAll("[电话已隐去]");
        out = EMAIL.matcher(out).replaceAll("[邮箱已隐去]");
        for (String name : knownNames) {
            if (name != null && name.length() >= 2) {
                out = out.replace(name, Masking.name(name));
            }
        }
        return out;
    }

    private Redaction() {
    }
}
