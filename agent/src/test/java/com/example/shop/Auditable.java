package com.example.shop;

public interface Auditable {

    void audit();
}
