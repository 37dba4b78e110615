package xlsx

// FieldOfHeading is fieldOfHeading for the tests outside the package.
var FieldOfHeading = fieldOfHeading
