package io.zhengfeng.complaint.service;

/** A complainant's personal data in clear, only ever in memory. */
public record ContactDetails(String name, String phone, String idNumber, String address, String email) {
    public boolean isEmpty() {
        return blank(name) && blank(phone) && blank(idNumber) && blank(address) && blank(email);
    }

    public boolean isReachable() {
        return !blank(phone) || !blank(email);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
