package io.zhengfeng.inspection.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.*;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "work_update")
public class WorkUpdateEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "campaign_id")
    public String campaignId;
    public String title;
    public String body;
    @Column(name = "published_by")
    public String publishedBy;
    @Column(name = "published_at")
    public Instant publishedAt;
}
