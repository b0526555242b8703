package io.zhengfeng.platform.pii;

/** A service's audit trail as {@link RekeyJob} writes to it (each service keeps its own table). */
public interface RekeyAudit {
    String ALLOWED = "allowed";
    String DENIED = "denied";

    /** Who is calling, as the trail names them. */
    String currentActor();

    /** In the caller's transaction, as the calling user. */
    void record(String action, String subjectId, String outcome, String detail);

    /** In the caller's transaction, on behalf of {@code actor} outside any request (the background job they started). */
    void recordFor(String actor, String action, String subjectId, String outcome, String detail);
}
