// Swagger UI over the API's own document; "Try it out" stays off (requests need a signed token).
// It opens on the areas folded and without the models section: rendering every operation and every
// model at once took most of the page's time; an area opens on a click (or Enter).
window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  supportedSubmitMethods: [],
  docExpansion: 'none',
  defaultModelsExpandDepth: -1,
  defaultModelExpandDepth: 1,
});
