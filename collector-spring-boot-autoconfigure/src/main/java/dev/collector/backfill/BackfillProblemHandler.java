package dev.collector.backfill;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problems for {@link BackfillController} only: malformed JSON (from the base
 * class), invalid requests (400) and unknown task ids (404).
 */
@RestControllerAdvice(assignableTypes = BackfillController.class)
public class BackfillProblemHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ProblemDetail invalidRequest(BackfillRequestException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid backfill request");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unknownTask(BackfillTaskNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Unknown backfill task");
		return problem;
	}

}
