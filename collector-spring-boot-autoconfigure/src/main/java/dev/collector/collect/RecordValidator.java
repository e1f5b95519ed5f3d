package dev.collector.collect;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Checks one record with Jakarta Bean Validation and says what is wrong in one line.
 */
public class RecordValidator {

	private final Validator validator;

	/**
	 * Create a validator.
	 * @param validator the Bean Validation validator, or {@code null} to accept every
	 * record
	 */
	public RecordValidator(Validator validator) {
		this.validator = validator;
	}

	/**
	 * Validate a record.
	 * @param record the record
	 * @return {@code null} when valid, else the violations as
	 * {@code "field: message; field: message"}
	 */
	public String violations(Object record) {
		if (record == null) {
			return "record: must not be null";
		}
		if (this.validator == null) {
			return null;
		}
		Set<ConstraintViolation<Object>> violations = this.validator.validate(record);
		if (violations.isEmpty()) {
			return null;
		}
		return violations.stream()
			.map((violation) -> violation.getPropertyPath() + ": " + violation.getMessage())
			.sorted(Comparator.naturalOrder())
			.collect(Collectors.joining("; "));
	}

}
