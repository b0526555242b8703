package io.zhengfeng.notification.delivery;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/**
 * An attempt did not deliver. The message is written to the delivery log and the failed event, so it
 * names the cause (an SMTP reply, an HTTP status) and never a message's text or an e-mail address.
 */
public class DeliveryFailure extends Exception {
    private final boolean permanent;
    private final boolean targetDown;

    private DeliveryFailure(String message, boolean permanent, boolean targetDown, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.targetDown = targetDown;
    }

    /** Worth trying again later: the receiver was down, slow or refused for now. */
    public static DeliveryFailure transientFailure(String message, Throwable cause) {
        return new DeliveryFailure(message, false, isUnreachable(cause), cause);
    }

    public static DeliveryFailure transientFailure(String message) {
        return new DeliveryFailure(message, false, false, null);
    }

    /** No later attempt can succeed (the webhook was deactivated, the person has no address): dead-letter now. */
    public static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, true, false, null);
    }

    public boolean isPermanent() {
        return permanent;
    }

    /**
     * The target was never reached (connection refused or timed out, host unknown): says nothing about
     * this message, so it does not count as one of its attempts; it feeds the target's breaker.
     */
    public boolean isTargetDown() {
        return targetDown;
    }

    static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof HttpConnectTimeoutException
                    // Netty (under the Vert.x mail client) signals a connect timeout with its own type
                    || t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")
                    || t.getMessage() != null && t.getMessage().contains("Connection refused")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
