// reach.js: start govuk-frontend's components (the pages work without it)
import { initAll } from './govuk-frontend.min.js'

// the classes govuk-frontend's page template sets with an inline script,
// which the Content-Security-Policy forbids: a module script only runs in
// browsers that support govuk-frontend, so both are set here
document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
