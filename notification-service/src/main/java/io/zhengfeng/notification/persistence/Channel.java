package io.zhengfeng.notification.persistence;

/** Where a notification goes. The live stream pushes INBOX items; it has no log of its own. */
public enum Channel {
    INBOX, EMAIL, WEBHOOK
}
