package com.example.shop;

/** Shaped like the subclass proxy Spring generates: it overrides every method and calls the real bean. */
public class OrderService$$SpringCGLIB$$0 extends OrderService {

    private final OrderService target;

    public OrderService$$SpringCGLIB$$0(OrderService target) {
        this.target = target;
    }

    @Override
    public String place(String item) {
        return target.place(item);
    }

    @Override
    public void cancel(long id) {
        target.cancel(id);
    }
}
