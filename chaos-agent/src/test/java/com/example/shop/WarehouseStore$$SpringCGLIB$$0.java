package com.example.shop;

/**
 * Named as Spring names the CGLIB subclass it puts in front of a bean (for {@code @Cacheable} or
 * {@code @Transactional}): such a class delegates to the method a rule targets and is never woven.
 */
public class WarehouseStore$$SpringCGLIB$$0 extends WarehouseStore {

    @Override
    public int stock() {
        return super.stock();
    }
}
