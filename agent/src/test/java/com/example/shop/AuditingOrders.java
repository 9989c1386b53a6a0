package com.example.shop;

/** A hand-written decorator, a proxy no name rule knows: it is watched too, and a call through it must count once. */
public class AuditingOrders extends OrderService {

    private final OrderService target;

    public AuditingOrders(OrderService target) {
        this.target = target;
    }

    @Override
    public String place(String item) {
        return target.place(item);
    }
}
