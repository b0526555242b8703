package io.zhengfeng.platform.testapp;

import jakarta.ws.rs.Path;

import io.zhengfeng.platform.events.DeadLetterResource;
import io.zhengfeng.platform.events.DeadLetters;
import io.zhengfeng.platform.security.CurrentUser;

@Path("/admin/dead-letters")
public class NoteDeadLetterResource extends DeadLetterResource {
    public NoteDeadLetterResource(DeadLetters deadLetters, CurrentUser user) {
        super(deadLetters, user);
    }
}
