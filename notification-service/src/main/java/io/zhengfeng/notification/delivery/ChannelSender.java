package io.zhengfeng.notification.delivery;

import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.Notification;

/** Delivers notifications of one channel, in two steps so that no transaction spans the network call. */
public interface ChannelSender {

    Channel channel();

    /**
     * Inside the claim transaction: reads what the send needs (the person's address and language, the
     * webhook's URL and secret) and prepares the message.
     *
     * @throws DeliveryFailure if the notification cannot be sent at all
     */
    Send prepare(Notification notification) throws DeliveryFailure;

    /** A prepared message, sent outside any transaction. */
    @FunctionalInterface
    interface Send {
        /** @return what the receiver answered, for the delivery log (e.g. "HTTP 204") */
        String send() throws DeliveryFailure;
    }
}
