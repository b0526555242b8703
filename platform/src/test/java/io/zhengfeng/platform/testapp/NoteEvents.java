package io.zhengfeng.platform.testapp;

import java.util.UUID;

/** Test-only event contract. */
public final class NoteEvents {
    public static final String TOPIC = "zhengfeng.test-notes";
    public static final String WRITTEN = "io.zhengfeng.note.written.v1";

    public record NoteWritten(UUID noteId, int n) {
    }

    private NoteEvents() {
    }
}
