package io.zhengfeng.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback port for a server a test starts later (a service process, a throwaway database).
 * {@code new ServerSocket(0)} hands out a port of the kernel's ephemeral range (32768–60999 on
 * Linux), the range every outgoing connection also takes its local port from: between the test
 * picking the port and the server binding it, a JDBC or Kafka connection may take it, and the
 * server fails to bind — a flake seen in CI. Ports below that range are never given to outgoing
 * connections, so one that is free now stays free for the server; none is handed out twice in one JVM.
 */
public final class FreePorts {
    private static final int LOWEST = 20000;
    private static final int BELOW_EPHEMERAL = 32768;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port nobody listens on now, outside the ephemeral range, not handed out before by this JVM. */
    public static int next() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + BELOW_EPHEMERAL);
    }

    private static boolean bindable(int port) {
        // the wildcard address: Linux refuses it while anyone listens on the port at any address
        try (ServerSocket probe = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private FreePorts() {
    }
}
