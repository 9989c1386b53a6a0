package com.example.shop;

import java.util.ArrayList;
import java.util.List;

public class OrderService implements Orders, Auditable {

    private static int created;

    private final List<String> items = new ArrayList<>();

    @Override
    public String place(String item) {
        if (item.isEmpty()) {
            throw new IllegalArgumentException("no item");
        }
        items.add(item);
        created++;
        return "order:" + item;
    }

    /** An overload that a parameter list in the rules excludes. */
    public String place(String item, int quantity) {
        items.add(item);
        return "order:" + quantity + "x" + item;
    }

    public void cancel(long id) {
        if (id < 0) {
            throw new IllegalStateException("no order " + id);
        }
        items.remove(0);
    }

    public List<String> findAll() {
        return new ArrayList<>(items);
    }

    public String findFirst() {
        return items.isEmpty() ? null : findAll().get(0);
    }

    /** Recursion: one outermost call. */
    public int placeNested(String item, int depth) {
        return depth == 0 ? 0 : 1 + placeNested(item, depth - 1);
    }

    public static int total() {
        return created;
    }

    @Override
    public void audit() {
        items.size();
    }
}
