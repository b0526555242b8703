package io.zhengfeng.notification.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** Which replica this is: written to the delivery log so an operator sees who fired what. */
@ApplicationScoped
public class Replica {
    private final String id;

    public Replica(NotificationConfig config) {
        this.id = config.instanceId().orElseGet(Replica::hostName);
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "replica-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
