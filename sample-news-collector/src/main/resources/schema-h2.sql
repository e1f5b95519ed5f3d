-- The news collector's own table (h2). Applied on every start by spring.sql.init
-- (mode=always, platform=h2); CREATE ... IF NOT EXISTS makes that safe.
-- Column sizes match the constraints of dev.collector.sample.news.NewsItem, so an item
-- that would not fit is quarantined by validation instead of refused by the database.

CREATE TABLE IF NOT EXISTS news_item (
    source        VARCHAR(50)              NOT NULL,
    guid          VARCHAR(500)             NOT NULL,
    title         VARCHAR(500)             NOT NULL,
    link          VARCHAR(1000),
    summary       VARCHAR(2000)            NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    currencies    VARCHAR(200)             NOT NULL,
    ingested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, guid)
);

CREATE INDEX IF NOT EXISTS news_item_published_at ON news_item (published_at);

-- The prices collector's table (dev.collector.sample.prices.DailyPrice): one row per
-- symbol and day. The day is trading_day, not day (a keyword in H2). Price and volume
-- precisions match the record's @Digits constraints.

CREATE TABLE IF NOT EXISTS crypto_price (
    symbol       VARCHAR(10)    NOT NULL,
    trading_day  DATE           NOT NULL,
    open         NUMERIC(20, 8) NOT NULL,
    high         NUMERIC(20, 8) NOT NULL,
    low          NUMERIC(20, 8) NOT NULL,
    close        NUMERIC(20, 8) NOT NULL,
    volume       NUMERIC(24, 4) NOT NULL,
    PRIMARY KEY (symbol, trading_day)
);

CREATE INDEX IF NOT EXISTS crypto_price_trading_day ON crypto_price (trading_day);
