package dev.collector.config;

/**
 * Validation of fetched records.
 */
public class ValidationProperties {

	/**
	 * Whether to validate records with Jakarta Bean Validation before writing them.
	 * Invalid records go to the quarantine table instead of the record table.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
