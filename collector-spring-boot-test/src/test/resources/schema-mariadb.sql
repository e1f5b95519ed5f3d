CREATE TABLE IF NOT EXISTS price (
    symbol       VARCHAR(20) NOT NULL,
    priced_at    DATETIME(6) NOT NULL,
    amount       DECIMAL(20, 8) NOT NULL,
    ingested_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (symbol, priced_at)
);
