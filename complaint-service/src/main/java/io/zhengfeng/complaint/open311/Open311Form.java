package io.zhengfeng.complaint.open311;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedMap;

import io.zhengfeng.complaint.service.Channel;
import io.zhengfeng.complaint.service.ContactDetails;
import io.zhengfeng.complaint.service.Kind;
import io.zhengfeng.complaint.service.NewComplaint;

/**
 * A GeoReport v2 "POST Service Request" form, checked field by field before anything is stored: each
 * field has a cap (the same as our own JSON API's where the two overlap), and a refusal names the
 * field, in the description of Open311's {@code [{code, description}]}. Contact is optional, as the
 * spec has it: a request without e-mail or phone is anonymous and followed by its id.
 */
final class Open311Form {
    static final int DESCRIPTION = 5000;
    static final int ADDRESS = 300;
    static final int NAME_PART = 25;
    static final int EMAIL = 100;
    static final int CODE = 50;
    static final int ID = 100;
    static final int MEDIA_URL = 2000;
    static final int ATTRIBUTE_VALUE = 100;
    static final int ATTRIBUTES = 20;
    /** Our own API's phone rule, so a number accepted here is accepted there. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{5,19}");
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([A-Za-z0-9_-]{1,50})\\]");
    private static final BigDecimal LAT = BigDecimal.valueOf(90);
    private static final BigDecimal LONG = BigDecimal.valueOf(180);

    /** A field the form cannot accept; the message starts with the field's name. */
    static final class Invalid extends IllegalArgumentException {
        Invalid(String field, String problem) {
            super(field + " " + problem);
        }
    }

    private Open311Form() {
    }

    static NewComplaint parse(MultivaluedMap<String, String> form, String client) {
        checkAttributes(form);
        String service = required(form, "service_code", CODE);
        String description = required(form, "description", DESCRIPTION);
        optional(form, "device_id", ID);
        optional(form, "account_id", ID);
        optional(form, "media_url", MEDIA_URL);
        Kind kind = attribute(form, "kind", "complaint", Kind::fromCode);
        Channel channel = attribute(form, "channel", "web", Channel::fromCode);
        String first = optional(form, "first_name", NAME_PART);
        String last = optional(form, "last_name", NAME_PART);
        String phone = optional(form, "phone", 20);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new Invalid("phone", "must be a phone number");
        }
        String email = optional(form, "email", EMAIL);
        if (email != null && !EMAIL_SHAPE.matcher(email).matches()) {
            throw new Invalid("email", "must be an e-mail address");
        }
        String address = optional(form, "address_string", ADDRESS);
        BigDecimal lat = coordinate(form, "lat", LAT);
        BigDecimal lon = coordinate(form, "long", LONG);
        ContactDetails contact = new ContactDetails(join(first, last), phone, null, null, email);
        return new NewComplaint(kind, channel, service, null, description, contact, null,
                new NewComplaint.Location(address, lat, lon), client);
    }

    /** Every {@code attribute[code]} the form carries, known or not, is capped in number and length. */
    private static void checkAttributes(MultivaluedMap<String, String> form) {
        List<String> attributes = form.keySet().stream().filter(k -> k.startsWith("attribute")).toList();
        if (attributes.size() > ATTRIBUTES) {
            throw new Invalid("attribute", "at most " + ATTRIBUTES + " attributes");
        }
        for (String key : attributes) {
            if (!ATTRIBUTE.matcher(key).matches()) {
                throw new Invalid(key.length() > 60 ? key.substring(0, 60) + "…" : key,
                        "is not of the form attribute[code]");
            }
            for (String value : form.get(key)) {
                if (value != null && value.length() > ATTRIBUTE_VALUE) {
                    throw new Invalid(key, "must be at most " + ATTRIBUTE_VALUE + " characters");
                }
            }
        }
    }

    private static String required(MultivaluedMap<String, String> form, String field, int max) {
        String value = optional(form, field, max);
        if (value == null) {
            throw new Invalid(field, "is required");
        }
        return value;
    }

    /** @return the trimmed value, null when absent or blank */
    private static String optional(MultivaluedMap<String, String> form, String field, int max) {
        List<String> values = form.get(field);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new Invalid(field, "must be given once");
        }
        String value = values.get(0);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw new Invalid(field, "must be at most " + max + " characters");
        }
        return value.trim();
    }

    private static BigDecimal coordinate(MultivaluedMap<String, String> form, String field, BigDecimal bound) {
        String value = optional(form, field, 30);
        if (value == null) {
            return null;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new Invalid(field, "must be a decimal number");
        }
        if (number.abs().compareTo(bound) > 0) {
            throw new Invalid(field, "must be between -" + bound + " and " + bound);
        }
        return number;
    }

    private static <T> T attribute(MultivaluedMap<String, String> form, String code, String fallback,
            Function<String, T> parser) {
        String value = optional(form, "attribute[" + code + "]", ATTRIBUTE_VALUE);
        try {
            return parser.apply(value == null ? fallback : value);
        } catch (IllegalArgumentException e) {
            throw new Invalid("attribute[" + code + "]", e.getMessage());
        }
    }

    private static String join(String first, String last) {
        String name = ((last == null ? "" : last) + (first == null ? "" : first)).trim(); // 姓 then 名
        return name.isEmpty() ? null : name;
    }
}
