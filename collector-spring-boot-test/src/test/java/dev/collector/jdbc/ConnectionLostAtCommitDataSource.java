package dev.collector.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A DataSource whose connections are lost at the commit: every statement of the
 * transaction reaches the database, then the connection drops (SQL state 08006) before
 * the commit, so the server rolls the transaction back, and the connection is dead from
 * then on. What a sink must survive without storing half a batch.
 */
class ConnectionLostAtCommitDataSource extends DelegatingDataSource {

	ConnectionLostAtCommitDataSource(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection target = super.getConnection();
		AtomicBoolean lost = new AtomicBoolean();
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					String name = method.getName();
					if (name.equals("close")) {
						target.close();
						return null;
					}
					if (name.equals("isClosed")) {
						return lost.get() || target.isClosed();
					}
					if (lost.get()) {
						throw connectionLost();
					}
					if (name.equals("commit")) {
						// what the server does with the open transaction of a dropped
						// connection
						target.rollback();
						lost.set(true);
						throw connectionLost();
					}
					try {
						return method.invoke(target, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getTargetException();
					}
				});
	}

	private static SQLException connectionLost() {
		return new SQLNonTransientConnectionException("connection lost (test)", "08006");
	}

}
