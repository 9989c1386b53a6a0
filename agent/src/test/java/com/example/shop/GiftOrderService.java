package com.example.shop;

/**
 * Extends a subclass of the type the rules name, and its class file never mentions that type: the agent's marker
 * filter cannot see it as a candidate, so its own override is not watched.
 */
public class GiftOrderService extends PremiumOrderService {

    @Override
    public String place(String item) {
        return "gift:" + item;
    }
}
