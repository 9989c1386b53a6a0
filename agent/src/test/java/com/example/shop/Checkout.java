package com.example.shop;

/** Loops for measuring what a watched call costs: {@code scan} and {@code weigh} are watched, {@code pack} is not. */
public class Checkout {

    private long work;

    public long scanTimes(int times) {
        for (int i = 0; i < times; i++) {
            scan();
        }
        return work;
    }

    public long weighTimes(int times) {
        for (int i = 0; i < times; i++) {
            weigh();
        }
        return work;
    }

    public long packTimes(int times) {
        for (int i = 0; i < times; i++) {
            pack();
        }
        return work;
    }

    public void scan() {
        work++;
    }

    public void weigh() {
        work++;
    }

    public void pack() {
        work++;
    }
}
