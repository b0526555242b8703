package io.zhengfeng.notification.delivery;

/**
 * An attempt did not deliver. The message is written to the delivery log and the failed event, so it
 * names the cause (an SMTP reply, an HTTP status) and never a message's text or an e-mail address.
 */
public class DeliveryFailure extends Exception {
    private final boolean permanent;

    private DeliveryFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** Worth trying again later: the receiver was down, slow or refused for now. */
    public static DeliveryFailure transientFailure(String message, Throwable cause) {
        return new DeliveryFailure(message, false, cause);
    }

    public static DeliveryFailure transientFailure(String message) {
        return new DeliveryFailure(message, false, null);
    }

    /** No later attempt can succeed (the webhook was deactivated, the person has no address): dead-letter now. */
    public static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, true, null);
    }

    public boolean isPermanent() {
        return permanent;
    }
}
