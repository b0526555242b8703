package io.zhengfeng.notification.rest;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.platform.events.DeadLetterResource;
import io.zhengfeng.platform.events.DeadLetters;
import io.zhengfeng.platform.security.CurrentUser;

/** This service's dead letters, for the admin to read and re-drive (platform {@link DeadLetterResource}). */
@Path("/api/notifications/admin/dead-letters")
@Tag(name = "Dead letters")
public class DeadLetterAdminResource extends DeadLetterResource {
    public DeadLetterAdminResource(DeadLetters deadLetters, CurrentUser user) {
        super(deadLetters, user);
    }
}
