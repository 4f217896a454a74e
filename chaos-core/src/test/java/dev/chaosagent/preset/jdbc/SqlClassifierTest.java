package dev.chaosagent.preset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statements real applications send (ORMs, Spring Data, hand-written, several dialects), and
 * what the jdbc preset reads of each: its type and the tables it names.
 */
class SqlClassifierTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT id, title FROM albums WHERE id = ?                                                       | select | albums
            select a1_0.id,a1_0.title from albums a1_0 where a1_0.id=?                                        | select | albums
            SELECT * FROM public.orders o JOIN customers c ON c.id = o.customer_id                            | select | public.orders, customers
            SELECT * FROM "public"."Orders" AS o LEFT OUTER JOIN "Line Items" li ON li.order_id = o.id        | select | public.orders, line items
            select * from `shop`.`orders`, customers c where c.id = orders.customer                           | select | shop.orders, customers
            SELECT * FROM [dbo].[Orders] WITH (NOLOCK)                                                       | select | dbo.orders
            SELECT count(*) FROM orders                                                                       | select | orders
            SELECT extract(year FROM created_at), substring(name FROM 2 FOR 3) FROM orders                    | select | orders
            SELECT * FROM albums WHERE id IN (SELECT album_id FROM tracks WHERE length > 300)                 | select | albums, tracks
            SELECT * FROM albums a WHERE EXISTS (SELECT 1 FROM reviews r WHERE r.album_id = a.id)              | select | albums, reviews
            SELECT * FROM (SELECT * FROM orders) AS recent                                                    | select | orders
            SELECT * FROM generate_series(1, 10) AS g(n)                                                      | select |
            SELECT 1                                                                                          | select |
            SELECT 1 FROM dual                                                                                | select | dual
            SELECT * FROM albums WHERE title = 'FROM orders' -- JOIN customers                                | select | albums
            /* FROM orders */ SELECT * FROM albums                                                            | select | albums
            SELECT * /* a comment */ FROM albums /* JOIN orders */ WHERE id = $1                              | select | albums
            SELECT $$ FROM orders $$ AS text FROM albums                                                      | select | albums
            SELECT $tag$ it's FROM orders $tag$ FROM albums                                                   | select | albums
            SELECT * FROM orders FOR UPDATE                                                                   | select | orders
            SELECT * FROM orders FOR UPDATE OF orders SKIP LOCKED                                             | select | orders
            SELECT a.* FROM albums a NATURAL JOIN tracks CROSS JOIN genres                                    | select | albums, tracks, genres
            (SELECT id FROM albums) UNION ALL (SELECT id FROM singles)                                        | select | albums, singles
            WITH recent AS (SELECT * FROM orders WHERE day > ?) SELECT * FROM recent r JOIN customers c ON c.id = r.customer | select | orders, customers
            WITH RECURSIVE tree(id, parent) AS (SELECT id, parent FROM nodes UNION ALL SELECT n.id, n.parent FROM nodes n JOIN tree t ON n.parent = t.id) SELECT * FROM tree | select | nodes
            WITH moved AS (DELETE FROM orders WHERE archived RETURNING *) INSERT INTO orders_archive SELECT * FROM moved | insert | orders, orders_archive
            VALUES (1, 2)                                                                                     | select |
            INSERT INTO orders (id, total) VALUES (?, ?)                                                      | insert | orders
            insert into "Orders"("id","total") values (?,?)                                                   | insert | orders
            INSERT INTO orders_archive SELECT * FROM orders WHERE day < ?                                     | insert | orders_archive, orders
            INSERT INTO orders (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET total = excluded.total          | insert | orders
            INSERT INTO orders (id) VALUES (1) ON DUPLICATE KEY UPDATE total = total + 1                      | insert | orders
            REPLACE INTO orders VALUES (1, 2)                                                                 | insert | orders
            UPDATE orders SET total = ? WHERE id = ?                                                          | update | orders
            update ONLY public.orders o set total = 0 from customers c where c.id = o.customer                | update | public.orders, customers
            UPDATE orders o JOIN customers c ON c.id = o.customer SET o.total = 0                             | update | orders, customers
            DELETE FROM orders WHERE id = ?                                                                   | delete | orders
            DELETE FROM orders o USING customers c WHERE c.id = o.customer                                    | delete | orders, customers
            MERGE INTO orders o USING incoming i ON o.id = i.id WHEN MATCHED THEN UPDATE SET total = i.total WHEN NOT MATCHED THEN INSERT VALUES (i.id, i.total) | merge | orders, incoming
            MERGE INTO orders USING (SELECT * FROM staged) s ON orders.id = s.id WHEN MATCHED THEN DELETE     | merge | orders, staged
            {call refresh_totals(?)}                                                                          | call   |
            { ? = call next_order_id() }                                                                      | call   |
            CALL refresh_totals(1)                                                                            | call   |
            EXEC dbo.refresh_totals @day = 1                                                                  | call   |
            CREATE TABLE orders (id INT PRIMARY KEY, total INT)                                               | ddl    | orders
            CREATE TABLE IF NOT EXISTS shop.orders (id INT)                                                   | ddl    | shop.orders
            DROP TABLE IF EXISTS orders                                                                       | ddl    | orders
            ALTER TABLE orders ADD COLUMN note VARCHAR(40)                                                    | ddl    | orders
            TRUNCATE TABLE orders                                                                             | ddl    | orders
            TRUNCATE orders                                                                                   | ddl    | orders
            CREATE INDEX orders_day ON orders (day)                                                           | ddl    | orders
            CREATE UNIQUE INDEX IF NOT EXISTS orders_day ON public.orders USING btree (day)                   | ddl    | public.orders
            CREATE TEMPORARY TABLE scratch AS SELECT * FROM orders                                            | ddl    | scratch, orders
            SET search_path TO shop                                                                           | other  |
            BEGIN                                                                                             | other  |
            COMMIT                                                                                            | other  |
            SHOW TABLES                                                                                       | other  |
            EXPLAIN SELECT * FROM orders                                                                      | other  | orders
            ''                                                                                                | other  |
            """)
    void readsTheTypeAndTheTables(String sql, String type, String tables) {
        SqlStatement statement = SqlClassifier.classify(sql);

        assertThat(statement.type()).isEqualTo(type);
        List<String> expected = tables == null ? List.of() : Arrays.asList(tables.split(", "));
        assertThat(statement.tables()).containsExactlyElementsOf(expected);
    }
}
