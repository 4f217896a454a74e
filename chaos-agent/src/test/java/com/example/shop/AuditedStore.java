package com.example.shop;

/** A subclass whose override calls {@code super}: under {@code Store+} both methods match. */
public class AuditedStore extends WarehouseStore {

    private int audits;

    @Override
    public int stock() {
        audits++;
        return super.stock();
    }

    int audits() {
        return audits;
    }
}
