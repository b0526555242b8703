package io.zhengfeng.survey.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "survey")
public class SurveyEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String title;
    public String description;
    @Column(name = "campaign_year")
    public int campaignYear;
    public String audience;
    public String status;
    /** JSON list of questions (service/Question), frozen once open. */
    public String questions;
    @Column(name = "opens_at")
    public Instant opensAt;
    @Column(name = "closes_at")
    public Instant closesAt;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
}
