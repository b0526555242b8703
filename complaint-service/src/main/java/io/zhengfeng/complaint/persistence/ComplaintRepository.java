package io.zhengfeng.complaint.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ComplaintRepository implements PanacheRepositoryBase<ComplaintEntity, String> {

    public Optional<ComplaintEntity> findByTrackingNumber(String trackingNumber) {
        return find("trackingNumber", trackingNumber).firstResultOptional();
    }
}
