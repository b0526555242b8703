package io.zhengfeng.complaint.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.zhengfeng.complaint.config.ComplaintConfig;
import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.complaint.persistence.ComplaintRepository;

/** 民主评议政风行风专栏: published replies, already redacted when the spokesperson published them. */
@ApplicationScoped
public class PublicColumn {
    private final ComplaintRepository complaints;
    private final ComplaintConfig config;

    public PublicColumn(ComplaintRepository complaints, ComplaintConfig config) {
        this.complaints = complaints;
        this.config = config;
    }

    @Transactional
    public Views.PageOf<Views.PublicReply> replies(int page, int size) {
        int pageSize = Math.min(Math.max(size, 1), config.maxPageSize());
        PanacheQuery<ComplaintEntity> query = complaints.find("replyPublished = true",
                Sort.descending("repliedAt").and("id", Sort.Direction.Descending));
        List<Views.PublicReply> items = query.page(Page.of(Math.max(page, 0), pageSize)).stream()
                .map(c -> new Views.PublicReply(UUID.fromString(c.id), c.kind, c.category, null, c.publicContent,
                        c.publicReply, c.submittedAt, c.repliedAt))
                .toList();
        return new Views.PageOf<>(items, Math.max(page, 0), pageSize, query.count());
    }
}
