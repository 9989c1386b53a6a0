package com.example.shop;

/** Overrides a watched method and calls the overridden one: still one call. */
public class PremiumOrderService extends OrderService {

    @Override
    public String place(String item) {
        return super.place("premium " + item);
    }
}
