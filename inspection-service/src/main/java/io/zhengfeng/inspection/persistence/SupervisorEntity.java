package io.zhengfeng.inspection.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.*;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A conduct supervisor (政风行风监督员); name and contact are ciphertext. */
@Entity
// only changed columns: a row read before the re-encryption job (platform pii/RekeyJob) resealed it
// must not write the old ciphertext back
@DynamicUpdate
@Table(name = "supervisor")
public class SupervisorEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "name_enc")
    public String nameEnc;
    @Column(name = "name_masked")
    public String nameMasked;
    public String organisation;
    @Column(name = "term_start")
    public LocalDate termStart;
    @Column(name = "term_end")
    public LocalDate termEnd;
    @Column(name = "contact_enc")
    public String contactEnc;
    public String username;
    @Column(name = "created_at")
    public Instant createdAt;
}
