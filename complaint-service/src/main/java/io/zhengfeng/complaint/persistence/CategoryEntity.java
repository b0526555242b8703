package io.zhengfeng.complaint.persistence;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A category and the department answerable for it; null day counts use the defaults per kind. */
@Entity
@Cacheable // read on every submission, changed by admins rarely
@Table(name = "category")
public class CategoryEntity extends PanacheEntityBase {
    @Id
    public String code;
    @Column(name = "name_zh")
    public String nameZh;
    @Column(name = "name_en")
    public String nameEn;
    public String department;
    @Column(name = "acceptance_days")
    public Integer acceptanceDays;
    @Column(name = "reply_days")
    public Integer replyDays;
    @Column(name = "follow_up_days")
    public Integer followUpDays;
    public boolean active;
}
