package io.zhengfeng.survey.service;

/** Survey lifecycle: draft → open → closed → published. */
public final class Status {
    public static final String DRAFT = "draft";
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String PUBLISHED = "published";

    public static final String AUDIENCE_PUBLIC = "public";
    public static final String AUDIENCE_INVITED = "invited";
    public static final String AUDIENCE_BOTH = "both";

    public static final String POOL_INVITED = "invited";
    public static final String POOL_PUBLIC = "public";

    public static final String CHANNEL_ONLINE = "online";
    public static final String CHANNEL_PAPER = "paper";

    public static boolean invites(String audience) {
        return !AUDIENCE_PUBLIC.equals(audience);
    }

    public static boolean isPublic(String audience) {
        return !AUDIENCE_INVITED.equals(audience);
    }

    private Status() {
    }
}
