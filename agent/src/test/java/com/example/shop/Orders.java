package com.example.shop;

public interface Orders {

    String place(String item);

    default int size() {
        return 0;
    }
}
