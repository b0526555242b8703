package io.zhengfeng.platform.pii;

/** How personal data looks to staff who may know it exists but not what it is. */
public final class Masking {

    /** 13812341234 → 138****1234 */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\s", "");
        if (digits.length() < 7) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    /** 张三丰 → 张** */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /** 110101199003071234 → 110***********1234 */
    public static String idNumber(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() < 8) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 3) + "*".repeat(id.length() - 7) + id.substring(id.length() - 4);
    }

    /** Keeps the district, hides the street and number. */
    public static String address(String address) {
        if (address == null) {
            return null;
        }
        int keep = Math.min(6, address.length() / 2);
        return address.substring(0, keep) + "****";
    }

    /** a.b@example.cn → a***@example.cn */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "****" : email.charAt(0) + "***" + email.substring(at);
    }

    private Masking() {
    }
}
