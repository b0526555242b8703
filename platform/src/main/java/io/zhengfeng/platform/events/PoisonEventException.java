package io.zhengfeng.platform.events;

/** A record that will never apply, however often it is retried: it goes straight to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
