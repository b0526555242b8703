package io.zhengfeng.complaint.service;

import java.math.BigDecimal;

/**
 * What a citizen (or the spokesperson on their behalf) submits.
 *
 * @param open311Client the Open311 front end that submitted it, null for our own API
 */
public record NewComplaint(Kind kind, Channel channel, String category, String title, String content,
        ContactDetails contact, Boolean confidential, Location location, String open311Client) {

    /** Where the problem is, when the front end knows (Open311's address_string, lat, long). */
    public record Location(String address, BigDecimal latitude, BigDecimal longitude) {
    }

    public NewComplaint(Kind kind, Channel channel, String category, String title, String content,
            ContactDetails contact, Boolean confidential) {
        this(kind, channel, category, title, content, contact, confidential, null, null);
    }
}
