package com.example.testapp.library;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface BookRepository extends JpaRepository<Book, Long> {

    @Query("select b from Book b join b.author a where a.name = ?1 order by b.title")
    List<Book> findByAuthorName(String author);

    long countByLentTrue();
}
