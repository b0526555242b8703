package io.zhengfeng.complaint.open311;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "open311_client")
public class Open311Client extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "api_key_hash")
    public String apiKeyHash;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    public boolean active;
}
