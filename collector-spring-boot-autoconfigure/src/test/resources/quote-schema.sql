CREATE TABLE IF NOT EXISTS quote (
    symbol      VARCHAR(20) NOT NULL,
    priced_on   DATE NOT NULL,
    price       DECIMAL(20, 6) NOT NULL,
    PRIMARY KEY (symbol, priced_on)
);
