CREATE TABLE b (x int);
SELECT no_such_fn();
