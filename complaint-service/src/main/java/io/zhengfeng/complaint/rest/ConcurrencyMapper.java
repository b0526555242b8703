package io.zhengfeng.complaint.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.zhengfeng.platform.problem.Problems;

/** Two actions raced on one complaint: the one that committed first won, this one changed nothing. */
public class ConcurrencyMapper {
    private static final String DETAIL = "The complaint was changed by someone else at the same time; reload it and retry";

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return Problems.response(409, "concurrent-modification", "Conflict", DETAIL);
    }

    @ServerExceptionMapper
    public Response stale(StaleObjectStateException e) {
        return Problems.response(409, "concurrent-modification", "Conflict", DETAIL);
    }
}
