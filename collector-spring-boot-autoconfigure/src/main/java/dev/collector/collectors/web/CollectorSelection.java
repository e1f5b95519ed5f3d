package dev.collector.collectors.web;

import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.mvc.condition.AbstractRequestCondition;

/**
 * Which collector a path without the {@code /collectors/<name>} prefix is for, with
 * several collectors: the one {@code ?collector=<name>} names, else the default
 * collector. The {@link #none() fallback} matches every request and loses to any
 * collector's condition, so that the {@link CollectorChoice} answers when no collector
 * applies.
 */
final class CollectorSelection extends AbstractRequestCondition<CollectorSelection> {

	/** The request parameter that names the collector. */
	static final String PARAMETER = "collector";

	private final String name;

	private final boolean isDefault;

	private CollectorSelection(String name, boolean isDefault) {
		this.name = name;
		this.isDefault = isDefault;
	}

	static CollectorSelection of(String name, boolean isDefault) {
		return new CollectorSelection(name, isDefault);
	}

	static CollectorSelection none() {
		return new CollectorSelection(null, false);
	}

	@Override
	protected Collection<?> getContent() {
		return (this.name != null) ? List.of(this.name) : List.of();
	}

	@Override
	protected String getToStringInfix() {
		return " || ";
	}

	@Override
	public CollectorSelection combine(CollectorSelection other) {
		return other;
	}

	@Override
	public CollectorSelection getMatchingCondition(HttpServletRequest request) {
		if (this.name == null) {
			return this;
		}
		String named = request.getParameter(PARAMETER);
		if (named != null) {
			return named.trim().equals(this.name) ? this : null;
		}
		return this.isDefault ? this : null;
	}

	@Override
	public int compareTo(CollectorSelection other, HttpServletRequest request) {
		if ((this.name == null) == (other.name == null)) {
			return 0;
		}
		return (this.name != null) ? -1 : 1;
	}

}
