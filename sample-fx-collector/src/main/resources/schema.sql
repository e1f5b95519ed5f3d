CREATE TABLE IF NOT EXISTS fx_rate (
    symbol    VARCHAR(3)     NOT NULL,
    rate_date DATE           NOT NULL,
    rate      NUMERIC(18, 8) NOT NULL,
    PRIMARY KEY (symbol, rate_date)
);
