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

/** A versioned check template; never edited once written, a new wording is a new version. */
@Entity
@Table(name = "check_template")
public class TemplateEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String code;
    public int version;
    public String title;
    public String source;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @OneToMany(mappedBy = "template", cascade = CascadeType.PERSIST, fetch = FetchType.EAGER)
    @OrderBy("position")
    public List<ItemEntity> items = new ArrayList<>();
}
