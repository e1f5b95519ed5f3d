package dev.collector.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.collect.CollectorEndpoint;

/**
 * {@code POST /validate-data}: check a JSON array of records against the collector's
 * record type (JSON binding, then Jakarta Bean Validation) and say which are invalid and
 * why. Writes nothing. At most {@value #MAX_RECORDS} records per request.
 */
@RestController
@CollectorEndpoint
public class ValidateDataController {

	static final int MAX_RECORDS = 1000;

	private final Class<?> recordType;

	private final ObjectMapper objectMapper;

	private final Validator validator;

	public ValidateDataController(Class<?> recordType, ObjectMapper objectMapper, Validator validator) {
		this.recordType = recordType;
		this.objectMapper = objectMapper;
		this.validator = validator;
	}

	@PostMapping("/validate-data")
	public ValidationReport validate(@RequestBody JsonNode body) {
		if (!body.isArray()) {
			throw Problems.badRequest("Not an array", "The body must be a JSON array of records");
		}
		if (body.size() > MAX_RECORDS) {
			throw Problems.badRequest("Too many records", "At most " + MAX_RECORDS + " records per request");
		}
		List<FieldError> errors = new ArrayList<>();
		int invalid = 0;
		for (int index = 0; index < body.size(); index++) {
			List<FieldError> recordErrors = check(index, body.get(index));
			if (!recordErrors.isEmpty()) {
				invalid++;
				errors.addAll(recordErrors);
			}
		}
		return new ValidationReport(body.size(), body.size() - invalid, invalid, errors);
	}

	private List<FieldError> check(int index, JsonNode node) {
		if (node == null || node.isNull()) {
			return List.of(new FieldError(index, null, "record must not be null"));
		}
		Object record;
		try {
			record = this.objectMapper.treeToValue(node, this.recordType);
		}
		catch (JsonMappingException ex) {
			String field = ex.getPath()
				.stream()
				.map((reference) -> (reference.getFieldName() != null) ? reference.getFieldName()
						: String.valueOf(reference.getIndex()))
				.reduce((a, b) -> a + "." + b)
				.orElse(null);
			return List.of(new FieldError(index, field, "cannot be read as " + this.recordType.getSimpleName()
					+ ((field != null) ? ": wrong type or format of " + field : "")));
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			return List.of(new FieldError(index, null, "cannot be read as " + this.recordType.getSimpleName()));
		}
		if (this.validator == null) {
			return List.of();
		}
		Set<ConstraintViolation<Object>> violations = this.validator.validate(record);
		return violations.stream()
			.map((violation) -> new FieldError(index, violation.getPropertyPath().toString(), violation.getMessage()))
			.sorted(Comparator.comparing(FieldError::field, Comparator.nullsFirst(Comparator.naturalOrder())))
			.toList();
	}

	/**
	 * The answer of POST /validate-data.
	 *
	 * @param total records posted
	 * @param valid records that passed
	 * @param invalid records that failed
	 * @param errors what failed, per record and field
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record ValidationReport(int total, int valid, int invalid, List<FieldError> errors) {
	}

	/**
	 * One problem of one record.
	 *
	 * @param index position of the record in the posted array
	 * @param field the field, {@code null} for the record as a whole
	 * @param message what is wrong
	 */
	public record FieldError(int index, String field, String message) {
	}

}
