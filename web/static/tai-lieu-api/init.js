// Swagger UI over the API's own document; "Try it out" stays off (requests need a signed token).
window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  supportedSubmitMethods: [],
});
