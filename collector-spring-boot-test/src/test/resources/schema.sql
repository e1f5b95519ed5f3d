CREATE TABLE IF NOT EXISTS price (
    symbol       VARCHAR(20) NOT NULL,
    priced_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    amount       DECIMAL(20, 8) NOT NULL,
    ingested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (symbol, priced_at)
);

CREATE TABLE IF NOT EXISTS rate (
    pair         VARCHAR(20) NOT NULL,
    rated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    rate         DECIMAL(20, 8) NOT NULL,
    PRIMARY KEY (pair, rated_at)
);
