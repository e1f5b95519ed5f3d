-- The one table the "floor" application creates at start-up: what any application that
-- stores validated records in an embedded database does before it is ready.
CREATE TABLE IF NOT EXISTS floor_item (source VARCHAR(32) NOT NULL, guid VARCHAR(64) NOT NULL,
	published_at TIMESTAMP WITH TIME ZONE NOT NULL, title VARCHAR(200) NOT NULL, url VARCHAR(200),
	PRIMARY KEY (source, guid));
